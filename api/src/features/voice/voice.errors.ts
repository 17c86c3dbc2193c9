import { AppError, badInput } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';

export const channelFull = (limit: number) =>
  new AppError(ErrorCode.ChannelFull, `This voice channel is full (${limit})`, { userLimit: limit });
export const notVoiceChannel = (field = 'channelId') => badInput(field, 'must be a voice channel');
export const sessionNotFound = () => new AppError(ErrorCode.NotFound, 'Voice session not found');
