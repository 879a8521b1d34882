/** Injection token of the service's parsed, typed configuration: `@Inject(APP_CONFIG) config: Config`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
