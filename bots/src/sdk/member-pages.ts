/** How many members the SDK asks for at a time (the API's largest member page). */
export const MEMBER_PAGE = 100;

/**
 * Every page of a server's members, in user-id order: `fetch` reads the page after a user id
 * (`null`: the first) of at most MEMBER_PAGE members; a shorter page is the last.
 */
export async function* memberPages<T extends { user: { id: string } }>(
  fetch: (after: string | null) => Promise<readonly T[]>,
): AsyncGenerator<readonly T[]> {
  for (let after: string | null = null; ;) {
    const page = await fetch(after);
    yield page;
    if (page.length < MEMBER_PAGE) return;
    after = page.at(-1)!.user.id;
  }
}
