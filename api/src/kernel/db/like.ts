/** An ILIKE pattern matching `text` anywhere: its own %, _ and \ match literally (\ is Postgres's default escape). */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
