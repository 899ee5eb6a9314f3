import { metricsAccess, type MetricsRequest } from './metrics-access';

const TOKEN = 'a-metrics-token-of-at-least-32-chars!';
const req = (over: Partial<MetricsRequest>): MetricsRequest => ({
  authorization: undefined,
  remoteAddress: '127.0.0.1',
  forwarded: false,
  ...over,
});

describe('metricsAccess (who may scrape /api/metrics)', () => {
  describe('without METRICS_TOKEN', () => {
    it('allows loopback peers over IPv4, IPv6 and IPv4-mapped IPv6', () => {
      for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
        expect(metricsAccess(null, req({ remoteAddress }))).toBe('allow');
      }
    });

    it('forbids every other peer, private networks included', () => {
      for (const remoteAddress of [
        '10.0.0.5',
        '192.168.1.2',
        '172.18.0.3',
        '::ffff:10.0.0.5',
        '2001:db8::1',
        undefined,
      ]) {
        expect(metricsAccess(null, req({ remoteAddress }))).toBe('forbidden');
      }
    });

    it('forbids a forwarded request even from a loopback proxy', () => {
      expect(metricsAccess(null, req({ forwarded: true }))).toBe('forbidden');
    });

    it('ignores an Authorization header (there is no token to match)', () => {
      expect(metricsAccess(null, req({ remoteAddress: '10.0.0.5', authorization: 'Bearer x' }))).toBe('forbidden');
    });
  });

  describe('with METRICS_TOKEN', () => {
    it('allows the right bearer token from anywhere, through a proxy too', () => {
      const authorization = `Bearer ${TOKEN}`;
      expect(metricsAccess(TOKEN, req({ authorization, remoteAddress: '10.0.0.5', forwarded: true }))).toBe('allow');
      expect(metricsAccess(TOKEN, req({ authorization: `bearer ${TOKEN}` }))).toBe('allow');
    });

    it('answers unauthorized for a missing, wrong, longer, shorter or non-bearer token, loopback or not', () => {
      for (const authorization of [
        undefined,
        '',
        'Bearer wrong',
        `Bearer ${TOKEN}x`,
        `Bearer ${TOKEN.slice(0, -1)}`,
        `Basic ${TOKEN}`,
        TOKEN,
      ]) {
        expect(metricsAccess(TOKEN, req({ authorization }))).toBe('unauthorized');
      }
    });
  });
});
