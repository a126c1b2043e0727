/** One page of a list: the API's paging envelope. */
export interface Page<T> {
  items: T[];
  totalCount: number;
  skip: number;
  take: number;
}

/** How to read one page: called with the `skip` and `take` of the page wanted. */
export type PageReader<T> = (paging: { skip: number; take: number }) => Promise<Page<T>>;

/**
 * Every item of a list, page by page (`take` per request, at most 1000), until the list ends. Lists are ordered by
 * the server (providers newest first, numbers by number), so an item added while paging may be skipped or seen twice;
 * read again for an exact snapshot.
 */
export async function* allItems<T>(readPage: PageReader<T>, take = 100): AsyncGenerator<T, void, undefined> {
  if (!Number.isInteger(take) || take < 1 || take > 1000) {
    throw new RangeError("take must be an integer from 1 to 1000");
  }
  for (let skip = 0; ; skip += take) {
    const page = await readPage({ skip, take });
    yield* page.items;
    if (page.items.length < take || skip + page.items.length >= page.totalCount) {
      return;
    }
  }
}

/** Every item of a list, in one array: {@link allItems} collected. */
export async function listAll<T>(readPage: PageReader<T>, take = 100): Promise<T[]> {
  const items: T[] = [];
  for await (const item of allItems(readPage, take)) {
    items.push(item);
  }
  return items;
}
