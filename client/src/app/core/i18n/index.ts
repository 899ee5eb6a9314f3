export * from './en';
export * from './i18n.service';
export * from './translate.pipe';
