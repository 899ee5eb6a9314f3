import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { WORKER_HEARTBEAT_FILE } from '../../src/health/worker-heartbeat';

/**
 * No Docker engine runs here, so the deployment files are read as data and checked for what a
 * `docker compose up` needs: the services, their variables, health checks, start order and volumes.
 */
const root = join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Healthcheck {
  test: string | string[];
  interval?: string;
}
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: Healthcheck;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

// Compose files use `<<:` merge keys (YAML 1.1); enable them as Compose does.
const compose = load(read('docker-compose.yml'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as Compose;
const services = compose.services;
const API_REPLICAS = ['api1', 'api2'];
const testOf = (s: Service) => {
  const t = s.healthcheck?.test;
  return Array.isArray(t) ? t.join(' ') : (t ?? '');
};

describe('docker-compose.yml', () => {
  it('runs postgres, redis, an SMTP catcher with a web inbox, two API replicas, the worker and a proxy', () => {
    expect(Object.keys(services).sort()).toEqual(['api1', 'api2', 'lb', 'mailpit', 'postgres', 'redis', 'worker']);
    expect(services.postgres.image).toMatch(/^postgres:/);
    expect(services.redis.image).toMatch(/^redis:/);
    expect(services.mailpit.image).toMatch(/^axllent\/mailpit/);
    expect(services.mailpit.ports).toContain('8025:8025');
    expect(services.lb.image).toMatch(/^nginx:/);
    expect(services.lb.ports).toEqual(['3000:3000']);
  });

  it('gives every service a health check that fits it', () => {
    for (const [name, s] of Object.entries(services)) {
      expect({ name, test: testOf(s) }).toEqual({ name, test: expect.stringMatching(/^(CMD|CMD-SHELL) /) });
    }
    expect(testOf(services.postgres)).toContain('pg_isready');
    expect(testOf(services.redis)).toContain('redis-cli ping');
    for (const api of API_REPLICAS) expect(testOf(services[api])).toContain('http://127.0.0.1:3000/api/health');
    expect(testOf(services.lb)).toContain('/api/health');
    // The worker's check reads the heartbeat file WorkerHeartbeat writes (same name, under the OS temp dir).
    expect(WORKER_HEARTBEAT_FILE.endsWith('/world-it-worker.heartbeat')).toBe(true);
    expect(testOf(services.worker)).toContain("require('os').tmpdir()+'/world-it-worker.heartbeat'");
  });

  it('builds the API replicas and the worker from this repo, each with its own command', () => {
    for (const name of [...API_REPLICAS, 'worker']) expect(services[name].build).toBe('.');
    for (const api of API_REPLICAS) expect(services[api].command).toEqual(['node', 'dist/server/server/src/main.js']);
    expect(services.worker.command).toEqual(['node', 'dist/server/server/src/worker.js']);
  });

  it('gives both API replicas and the worker the production variables, the same values for all', () => {
    const required = [
      'NODE_ENV',
      'DATABASE_URL',
      'REDIS_URL',
      'JWT_ACCESS_SECRET',
      'JWT_REFRESH_SECRET',
      'SMTP_URL',
      'MAIL_FROM',
      'MEDIA_DIR',
      'PUBLIC_URL',
    ];
    const env = services.api1.environment ?? {};
    for (const name of [...API_REPLICAS, 'worker']) {
      const e = services[name].environment ?? {};
      for (const v of required)
        expect({ service: name, v, set: Boolean(e[v]) }).toEqual({ service: name, v, set: true });
      expect(e).toEqual(env);
    }
    expect(env.NODE_ENV).toBe('production');
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
    // Secrets come from the operator's .env; compose stops with a message when they are missing.
    expect(env.JWT_ACCESS_SECRET).toMatch(/^\$\{JWT_ACCESS_SECRET:\?.+\}$/);
    expect(env.JWT_REFRESH_SECRET).toMatch(/^\$\{JWT_REFRESH_SECRET:\?.+\}$/);
    // The config refuses a wildcard CORS origin in production: none is set here (defaults to PUBLIC_URL).
    expect(env.CORS_ORIGINS ?? '').not.toContain('*');
    expect(env.TRUST_PROXY).toBe('uniquelocal');
  });

  it('starts each service after what it needs is healthy', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect({ name, dep, known: dep in services, condition }).toEqual({
          name,
          dep,
          known: true,
          condition: 'service_healthy',
        });
      }
    }
    const needs = (name: string) => Object.keys(services[name].depends_on ?? {}).sort();
    for (const api of API_REPLICAS) expect(needs(api)).toEqual(['mailpit', 'postgres', 'redis']);
    expect(needs('worker')).toEqual(expect.arrayContaining(['postgres', 'redis', 'api1']));
    expect(needs('lb')).toEqual(API_REPLICAS);
  });

  it('declares the volumes: PostgreSQL data, Redis data, and one media and one exports volume shared by the API replicas and the worker', () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(['exports', 'media', 'pgdata', 'redisdata']);
    expect(services.postgres.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(services.redis.volumes).toContain('redisdata:/data');
    for (const name of [...API_REPLICAS, 'worker']) {
      const mediaDir = services[name].environment?.MEDIA_DIR;
      expect(services[name].volumes).toContain(`media:${mediaDir}`);
      // The worker writes data export archives; either API replica serves them by their token.
      const exportsDir = services[name].environment?.EXPORTS_DIR;
      expect(exportsDir).toBeTruthy();
      expect(services[name].volumes).toContain(`exports:${exportsDir}`);
    }
    expect(services.lb.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
  });
});

describe('deploy/nginx.conf', () => {
  const conf = read('deploy/nginx.conf').replace(/#.*$/gm, '');
  const upstream = /upstream\s+(\S+)\s*\{([^}]*)\}/.exec(conf);

  it('lists both API replicas in the upstream the proxy passes to', () => {
    expect(upstream).not.toBeNull();
    const [, name, body] = upstream as RegExpExecArray;
    const servers = [...body.matchAll(/^\s*server\s+(\S+)/gm)].map((m) => m[1]);
    expect(servers).toEqual(['api1:3000', 'api2:3000']);
    expect(conf).toContain(`proxy_pass http://${name};`);
    expect(conf).toMatch(/listen\s+3000;/);
  });

  it('passes websocket upgrades (HTTP/1.1, Upgrade and Connection headers) with a long read timeout', () => {
    expect(conf).toMatch(/proxy_http_version\s+1\.1;/);
    expect(conf).toMatch(/proxy_set_header\s+Upgrade\s+\$http_upgrade;/);
    expect(conf).toMatch(/map\s+\$http_upgrade\s+\$connection_upgrade\s*\{[^}]*default\s+upgrade;/);
    expect(conf).toMatch(/proxy_set_header\s+Connection\s+\$connection_upgrade;/);
    const timeout = /proxy_read_timeout\s+(\d+)s;/.exec(conf);
    expect(Number(timeout?.[1])).toBeGreaterThanOrEqual(60);
  });

  it('keeps a client on one replica, as the socket.io client’s long-polling fallback needs', () => {
    const socketService = read('client/src/app/core/socket/socket.service.ts');
    const usesPolling = /transports:\s*\[[^\]]*'polling'/.test(socketService);
    const sticky = /^\s*(ip_hash|hash\s+\S+)/m.test(upstream?.[2] ?? '');
    // Websocket-only clients would need no stickiness; with the polling fallback it is required.
    expect({ usesPolling, sticky }).toEqual({ usesPolling, sticky: usesPolling ? true : sticky });
  });

  it('passes the forwarded client address the API trusts (TRUST_PROXY) for its rate limits', () => {
    expect(conf).toMatch(/proxy_set_header\s+X-Forwarded-For\s+\$proxy_add_x_forwarded_for;/);
    expect(conf).toMatch(/proxy_set_header\s+X-Forwarded-Proto\s+\$scheme;/);
  });

  it('keeps /api/metrics off the public port: each replica is scraped directly, with METRICS_TOKEN', () => {
    expect(conf).toMatch(/location\s+=\s+\/api\/metrics\s*\{\s*return\s+404;\s*\}/);
    for (const api of ['api1', 'api2']) {
      expect(services[api].environment).toMatchObject({ METRICS_TOKEN: '${METRICS_TOKEN:-}' });
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile').replace(/\\\n/g, ' ');
  const lines = dockerfile.split('\n').map((l) => l.trim());
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('installs exactly the lockfile (npm ci), never a fresh resolve', () => {
    expect(lines).toContain('COPY package.json package-lock.json ./');
    expect(lines.some((l) => /^RUN npm ci\b/.test(l))).toBe(true);
    expect(lines.some((l) => /^RUN npm (install|i)\b/.test(l))).toBe(false);
  });

  it('has a HEALTHCHECK in the final image that asks /api/health with Node (the slim image has no curl)', () => {
    const healthcheck = /^HEALTHCHECK\s+(.*)$/m.exec(finalStage);
    expect(healthcheck).not.toBeNull();
    const cmd = healthcheck?.[1] ?? '';
    expect(cmd).toMatch(/CMD \["node", "-e", ".*\/api\/health.*"\]/);
    expect(cmd).not.toMatch(/curl|wget/);
    expect(cmd).toMatch(/--interval=\d+s/);
  });

  it('runs as an unprivileged user in production mode', () => {
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toMatch(/^ENV NODE_ENV=production$/m);
  });

  it('keeps local node_modules, data and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.data', '.env', 'dist']));
  });
});
