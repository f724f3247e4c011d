export function freePort(): Promise<number>;
export function startTestPostgres(): Promise<{ url: string; stop(): Promise<void> }>;
