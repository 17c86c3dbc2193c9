import { z } from 'zod';

const id = z.string().regex(/^\d{1,20}$/, 'must be an id (digits)');

export const voiceBotSchema = z.strictObject({
  /** The voice channel it joins and stays in. */
  channelId: id,
  /** Where it announces who is speaking and answers !record / !stop. */
  announceChannelId: id.optional(),
  /** Played to each newcomer: a 16-bit PCM WAV file, else a tone. */
  greeting: z
    .strictObject({
      wav: z.string().min(1).optional(),
      toneHz: z.number().min(20).max(20_000).default(440),
      durationMs: z.number().int().min(50).max(10_000).default(600),
    })
    .default({ toneHz: 440, durationMs: 600 }),
  /** Folder for !record's WAV files. */
  recordingsDir: z.string().min(1).default('recordings'),
});

export type VoiceBotConfig = z.infer<typeof voiceBotSchema>;
