import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CodeStore, TypeOrmCodeStore } from './code-store';
import { RegistrationCode } from './registration-code.entity';
import { RegistrationCodeService } from './registration-code.service';

@Module({
  imports: [TypeOrmModule.forFeature([RegistrationCode])],
  providers: [RegistrationCodeService, { provide: CodeStore, useClass: TypeOrmCodeStore }],
  exports: [RegistrationCodeService],
})
export class RegistrationCodeModule {}
