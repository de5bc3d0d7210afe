/** A setting that cannot be used. The message names the setting and says why. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    /** Setting name as written in the environment (`PORT`), or the config file path. */
    readonly setting: string,
    readonly reason: string,
    readonly value?: unknown,
  ) {
    super(`${setting}: ${reason}${value === undefined ? '' : `, got ${JSON.stringify(value)}`}`);
  }
}

/** Several bad settings at once, so a user fixes them in one go. */
export class ConfigErrors extends ConfigError {
  constructor(readonly errors: ConfigError[]) {
    super(errors[0]!.setting, errors[0]!.reason, errors[0]!.value);
    this.message = errors.map((e) => e.message).join('; ');
  }
}
