import type { Logger } from 'nestjs-pino';
import { AppLogger, isStartUpChatter } from './app-logger';

describe('AppLogger', () => {
  const pino = { log: jest.fn(), debug: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const logger = new AppLogger(pino as unknown as Logger);
  beforeEach(() => jest.clearAllMocks());

  it("moves Nest's route and module lines to debug", () => {
    logger.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    logger.log('AuthController {/api/auth}:', 'RoutesResolver');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(pino.debug).toHaveBeenCalledTimes(3);
    expect(pino.debug).toHaveBeenCalledWith('Mapped {/api/health, GET} route', 'RouterExplorer');
    expect(pino.log).not.toHaveBeenCalled();
  });

  it('keeps every other line at its level', () => {
    logger.log('Applied Init1700000000000', 'Migrations');
    logger.log('no context');
    logger.warn('Unsupported route path', 'RouterExplorer');
    logger.error('boom', 'stack', 'ExceptionsHandler');
    expect(pino.log).toHaveBeenCalledWith('Applied Init1700000000000', 'Migrations');
    expect(pino.log).toHaveBeenCalledWith('no context');
    expect(pino.warn).toHaveBeenCalledWith('Unsupported route path', 'RouterExplorer');
    expect(pino.error).toHaveBeenCalledWith('boom', 'stack', 'ExceptionsHandler');
    expect(pino.debug).not.toHaveBeenCalled();
  });

  it('reads the context from the last argument only', () => {
    expect(isStartUpChatter(['RouterExplorer', 'Chat'])).toBe(false);
    expect(isStartUpChatter([{ id: 1 }, 'InstanceLoader'])).toBe(true);
    expect(isStartUpChatter([])).toBe(false);
  });
});
