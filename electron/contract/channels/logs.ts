export const logsChannels = {};
