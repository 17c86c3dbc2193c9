export declare const COTURN_MISSING: string;
export declare function checkCoturn(options?: { env?: NodeJS.ProcessEnv; log?: (line: string) => void }): boolean;
