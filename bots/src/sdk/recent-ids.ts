/** Keys handled lately (the newest 1,000), to recognise one that comes again: a replay, a re-read. */
export class RecentIds {
  private readonly ids = new Set<string>();

  /** False when `id` was seen already. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > 1000) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}
