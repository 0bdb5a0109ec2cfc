import type { LoggerService } from '@backstage/backend-plugin-api';

/** Drops everything except errors, which go to stderr (secrets are never logged by the cache). */
export function quietLogger(): LoggerService {
  const logger: LoggerService = {
    error: (message: string) =>
      process.stderr.write(`[cache error] ${message}\n`),
    warn: () => {},
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}
