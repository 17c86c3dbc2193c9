import { Field } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { smallListCost } from '../../graphql/limits.js';
import { MessageObject } from '../messages/message.object.js';
import type { MessageView } from '../messages/message.view.js';

@ObjectType('MessageSearchResult')
export class MessageSearchResultObject {
  // The query's `limit` prices the page (pagedListEstimator), as for a history page.
  @Field(() => [MessageObject], { description: 'Newest first.', complexity: smallListCost })
  messages!: MessageView[];

  @Field({ description: 'Whether older matches follow: ask again with `before` set to the last id.' })
  hasMore!: boolean;
}

export interface MessageSearchResult {
  messages: MessageView[];
  hasMore: boolean;
}
