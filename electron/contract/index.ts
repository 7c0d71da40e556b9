export * from './channels';
export * from './client';
export * from './define';
export * from './result';
export * from './stream';
export * from './wire';
export * from './electron-ipc';
