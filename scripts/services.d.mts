export declare const LOCAL_REDIS_DIR: string;
export declare function localRedisArgs(port: number, dir?: string): string[];
