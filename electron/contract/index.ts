export * from './channels';
export * from './client';
export * from './define';
export * from './result';
export * from './wire';
