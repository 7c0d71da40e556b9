export const secretsChannels = {};
