export const contextsChannels = {};
