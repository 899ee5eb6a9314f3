import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';

import { AuthService } from '../auth/auth.service';

/** Keeps signed-in users away from the login and registration pages. */
export const guestGuard: CanActivateFn = () => {
  if (!inject(AuthService).isSignedIn()) return true;
  return inject(Router).createUrlTree(['/']);
};
