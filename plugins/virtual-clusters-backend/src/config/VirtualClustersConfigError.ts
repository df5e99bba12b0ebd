/** A config value that is present but wrong; the message names its key. */
export class VirtualClustersConfigError extends Error {
  constructor(key: string, message: string) {
    super(`Invalid config at '${key}': ${message}`);
    this.name = 'VirtualClustersConfigError';
  }
}
