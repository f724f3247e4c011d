export function freePort(): Promise<number>;
export interface TestPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
}
export function startTestPostgres(options?: { restartable?: boolean }): Promise<TestPostgres>;
