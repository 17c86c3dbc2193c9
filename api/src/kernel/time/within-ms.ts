/** Settles as `work` does, or as `overrun` does once `ms` have passed first: a bounded wait. */
export async function withinMs<T>(work: Promise<T>, ms: number, overrun: () => T | Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(overrun());
      } catch (error) {
        reject(error);
      }
    }, ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
