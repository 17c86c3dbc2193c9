import type { Cache } from '@urql/exchange-graphcache';
import { removeFromList } from '@/lib/cache-lists';

/**
 * A deleted message (its event, or the reader's own deleteMessage) leaves every cached list that
 * shows it at once: the pins panels' lists and the pages of search results.
 */
export function forgetDeletedMessage(cache: Cache, messageId: string): void {
  const key = cache.keyOfEntity({ __typename: 'Message', id: messageId });
  if (!key) return;
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === 'pinnedMessages') removeFromList(cache, 'Query', field, key);
    else if (field.fieldName === 'searchMessages') {
      const page = cache.resolve('Query', field.fieldKey);
      if (typeof page === 'string') removeFromList(cache, page, { fieldName: 'messages', fieldKey: 'messages', arguments: null }, key);
    }
  }
}
