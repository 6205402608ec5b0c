import { App } from 'aws-cdk-lib';
import { routes } from '../functions/routes.ts';
import { createRelais } from './relais.ts';

createRelais(new App(), routes);
