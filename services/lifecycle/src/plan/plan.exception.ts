import { DomainError } from '@fleetward/platform';

export const PlanErrors = {
  itemNotFound: (id: string) => new DomainError('NOT_FOUND', 'REPLACEMENT_ITEM_NOT_FOUND', `No replacement item ${id}`),
  badTransition: (from: string, to: string) =>
    new DomainError(
      'CONFLICT',
      'REPLACEMENT_ITEM_BAD_TRANSITION',
      `A replacement item cannot go from ${from} to ${to}`,
    ),
  reasonRequired: () => new DomainError('INVALID', 'REPLACEMENT_DEFER_REASON_REQUIRED', 'Deferring needs a reason'),
  newDeviceRequired: () =>
    new DomainError('INVALID', 'REPLACEMENT_NEW_DEVICE_REQUIRED', 'A replaced item names the device that replaced it'),
};
