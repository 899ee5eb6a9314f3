export const BROWSER_RUN_ENV = 'WORLD_IT_BROWSER_RUN';

export interface BrowserRun {
  baseUrl: string;
  databaseName: string;
  dataDir: string;
  queuePrefix: string;
  pids: number[];
}

export function browserRun(): BrowserRun {
  const raw = process.env[BROWSER_RUN_ENV];
  if (!raw) throw new Error('No browser run: the browser project global setup did not run');
  return JSON.parse(raw) as BrowserRun;
}
