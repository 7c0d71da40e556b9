export const storageChannels = {};
