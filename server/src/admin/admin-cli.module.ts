import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { AppConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { UsersModule } from '../users/users.module';

/**
 * What `npm run admin` needs: the config and the database (migrated, and in embedded mode holding the
 * data directory's lock, so it refuses to run beside a running API) and the users repository.
 */
@Module({})
export class AdminCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AdminCliModule, imports: [AppConfigModule.forRoot(config), DatabaseModule, UsersModule] };
  }
}
