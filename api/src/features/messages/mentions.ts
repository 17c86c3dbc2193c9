// How message text mentions someone, as the dashboard reads it (components/chat/message-markup.ts):
// `@` not preceded by a word character, `.` or `@`, then the name, then nothing that could continue
// it (trailing dots excepted); text inside code blocks and inline code mentions nobody.

/** Code blocks and inline code, as a POSIX regular expression PostgreSQL reads (`.` spans lines there). */
export const CODE_PATTERN = '```.*?```|`[^`]*`';

/** A mention of `name` (a username, or `everyone`), as a PostgreSQL regular expression. */
export const mentionPattern = (name: string) => `(^|[^a-zA-Z0-9_.@])@${name.replaceAll('.', '\\.')}\\.*($|[^a-zA-Z0-9_.])`;

/** Names that mention a group, never one person: no username may take them. */
export const GROUP_MENTIONS: readonly string[] = ['everyone', 'here'];

const CODE = /```[\s\S]*?```|`[^`]*`/g;
const EVERYONE = new RegExp(mentionPattern('everyone'));

/** Whether the text says @everyone outside code (whether that notifies anyone is the author's permission). */
export const saysEveryone = (content: string): boolean => content.includes('@everyone') && EVERYONE.test(content.replace(CODE, ''));
