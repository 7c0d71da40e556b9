export const servicesChannels = {};
