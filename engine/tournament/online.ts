/**
 * Online pre-registration's mark: its Register commands' ids start with this prefix
 * (durable-objects/tournament/pre-registration.ts), so an entry or an alternate that came
 * online is known from the event log alone, on the box as in the cloud.
 */
export const ONLINE_COMMAND_PREFIX = 'online-';

export const cameOnline = (commandId: string): boolean => commandId.startsWith(ONLINE_COMMAND_PREFIX);
