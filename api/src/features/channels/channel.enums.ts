import { registerEnumType } from 'type-graphql';
import { ChannelType } from './channel.entity.js';
import { OverwriteTarget } from './overwrite.entity.js';

registerEnumType(ChannelType, { name: 'ChannelType' });
registerEnumType(OverwriteTarget, { name: 'OverwriteTarget' });

export { ChannelType, OverwriteTarget };
