/** Who is calling: resolved from the session token once per request or connection. */
export interface Viewer {
  userId: string;
  sessionId: string;
  tokenHash: string;
  isBot: boolean;
}
