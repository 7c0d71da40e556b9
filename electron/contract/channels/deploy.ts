export const deployChannels = {};
