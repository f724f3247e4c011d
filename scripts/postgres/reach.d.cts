export function letPostgresReach(path: string, notice: (line: string) => void): Promise<void>;
export function letPostgresReachBinaries(notice: (line: string) => void): Promise<void>;
