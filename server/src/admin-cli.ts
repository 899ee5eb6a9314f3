import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { Role } from '@world-it/contracts';
import { AdminCliModule } from './admin/admin-cli.module';
import { loadConfigOrExit } from './bootstrap';
import { UsersRepository } from './users/users.repository';

/* eslint-disable no-console -- a command-line tool: its output is the point */

const USAGE = 'usage: npm run admin -- grant EMAIL | revoke EMAIL';
const ROLES: Record<string, Role> = { grant: 'admin', revoke: 'user' };

/**
 * `npm run admin -- grant|revoke EMAIL`: sets the account's role in the database that DATABASE_URL
 * names (or the embedded one under DATA_DIR, which only one process may hold: stop the API first).
 * Exit codes: 0 done, 1 no such account or the database unusable, 2 bad usage.
 */
async function main(argv: string[]): Promise<number> {
  const [command, email, ...rest] = argv;
  const role = command ? ROLES[command] : undefined;
  if (!role || !email || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfigOrExit();
  let app;
  try {
    app = await NestFactory.createApplicationContext(AdminCliModule.forRoot(config), {
      logger: false,
      abortOnError: false,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`Cannot open the database: ${message}`);
    if (config.embedded) console.error('The embedded database is held by the running API: stop it and try again.');
    return 1;
  }
  try {
    const users = app.get(UsersRepository);
    const user = await users.findByEmail(email);
    if (!user) {
      console.error(`No account with the email ${email}`);
      return 1;
    }
    if (user.role === role) {
      console.log(`${user.email} already has the role ${role}: nothing changed`);
    } else {
      await users.update(user.id, { role });
      console.log(`${user.email} ${role === 'admin' ? 'is now an admin' : 'is no longer an admin'} (role ${role})`);
    }
    if (role === 'user' && config.adminEmails.includes(user.email.toLowerCase())) {
      console.warn(
        `Note: ${user.email} is listed in ADMIN_EMAILS, so the next sign-in grants the role again; remove it there too.`,
      );
    }
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
