import { SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'fleetward:public';

/**
 * Marks a route that authenticates by other means (a device token in the URL) or not at all (the API docs).
 * The auth guard lets it through without a credential.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);
