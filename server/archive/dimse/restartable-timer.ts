/**
 * A one-shot timer that can be restarted and stopped, for the ARTIM and idle timeouts of an
 * association. It never keeps the process alive on its own: the socket it guards does.
 */
export class RestartableTimer {
  private handle?: NodeJS.Timeout;

  constructor(
    private readonly milliseconds: number,
    private readonly onExpire: () => void,
  ) {}

  restart(): void {
    this.stop();
    this.handle = setTimeout(() => {
      this.handle = undefined;
      this.onExpire();
    }, this.milliseconds);
    this.handle.unref();
  }

  stop(): void {
    clearTimeout(this.handle);
    this.handle = undefined;
  }
}
