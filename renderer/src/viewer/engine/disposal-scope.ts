// Every vtk.js object is a closure that must be `.delete()`d (vtk.js's own tests register what
// they create in `createGarbageCollector`). One scope per viewport: what it tracks is deleted in
// reverse creation order when the viewport unmounts, and disposing twice is harmless.
export interface Deletable {
  delete(): void;
}

export class DisposalScope {
  private readonly items: (Deletable | (() => void))[] = [];
  private disposed = false;

  /** Registers a vtk object (or a cleanup function) and returns it. */
  track<T extends Deletable | (() => void)>(item: T): T {
    if (this.disposed) throw new Error('DisposalScope used after dispose');
    this.items.push(item);
    return item;
  }

  get size(): number {
    return this.items.length;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) {
      if (typeof item === 'function') item();
      else item.delete();
    }
  }
}
