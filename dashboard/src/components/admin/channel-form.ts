/** The API's limits on a channel's settings, mirrored so the form can refuse with the reason before sending. */
export const MAX_SLOWMODE_SECONDS = 21_600;
export const MAX_TOPIC_LENGTH = 1024;
export const MAX_USER_LIMIT = 99;
/** Voice bitrate in kbps (the API takes bits/s: 8000-96000). */
export const MIN_BITRATE_KBPS = 8;
export const MAX_BITRATE_KBPS = 96;

export interface ChannelFormValues {
  type: 'TEXT' | 'VOICE';
  name: string;
  topic: string;
  slowmodeSeconds: number;
  userLimit: number;
  bitrateKbps: number;
}

const within = (value: number, min: number, max: number) => Number.isFinite(value) && value >= min && value <= max;

/** The first thing wrong with the form, as a sentence, or null when it may be sent. */
export function channelFormProblem(form: ChannelFormValues): string | null {
  if (form.name.trim() === '') return 'A channel needs a name.';
  if (!Number.isInteger(form.slowmodeSeconds) || !within(form.slowmodeSeconds, 0, MAX_SLOWMODE_SECONDS))
    return 'Slowmode must be between 0 s and 6 h (21600 s).';
  if (form.type === 'TEXT' && form.topic.trim().length > MAX_TOPIC_LENGTH)
    return `The topic can be at most ${MAX_TOPIC_LENGTH} characters.`;
  if (form.type === 'VOICE') {
    if (!Number.isInteger(form.userLimit) || !within(form.userLimit, 0, MAX_USER_LIMIT)) return 'The user limit must be 0 (none) to 99.';
    if (!within(form.bitrateKbps, MIN_BITRATE_KBPS, MAX_BITRATE_KBPS))
      return `The bitrate must be between ${MIN_BITRATE_KBPS} and ${MAX_BITRATE_KBPS} kbps.`;
  }
  return null;
}

/** What updateChannel gets: each type's own fields only (the API refuses a topic on voice, a bitrate on text). */
export function channelUpdateInput(form: ChannelFormValues) {
  return form.type === 'TEXT'
    ? { name: form.name, topic: form.topic, slowmodeSeconds: form.slowmodeSeconds }
    : { name: form.name, slowmodeSeconds: form.slowmodeSeconds, userLimit: form.userLimit, bitrate: Math.round(form.bitrateKbps * 1000) };
}
