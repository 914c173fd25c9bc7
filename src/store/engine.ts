export type Engine = 'duckdb' | 'postgres';
