import type { Language, Me } from './users';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const DISPLAY_NAME_MAX = 50;
export const CODE_LENGTH = 6;
export const CODE_TTL_MINUTES = 15;
export const CODE_MAX_ATTEMPTS = 5;
export const RESEND_COOLDOWN_SECONDS = 60;

export interface RegisterRequest {
  email: string;
  password: string;
  displayName: string;
  language?: Language;
}
export interface RegisterResponse {
  email: string;
  expiresAt: string;
}
export interface ConfirmRequest {
  email: string;
  code: string;
}
export interface EmailRequest {
  email: string;
}
export interface LoginRequest {
  email: string;
  password: string;
}
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}
export interface AuthResponse extends TokenPair {
  user: Me;
}
export interface RefreshRequest {
  refreshToken: string;
}
export interface ResetPasswordRequest {
  email: string;
  code: string;
  newPassword: string;
}
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}
export interface ChangeEmailRequest {
  newEmail: string;
  password: string;
}
export interface ConfirmEmailChangeRequest {
  code: string;
}
