import ace from 'atlassian-connect-express';
import express from 'express';
import hbs from 'express-hbs';

import routes from './routes/index.js';

const app = express();
const addon = ace(app);

app.set('port', addon.config.port());
app.engine('hbs', hbs.express4({ partialsDir: 'views' }));
app.set('view engine', 'hbs');
app.use(express.json());
app.use(express.static('public'));
app.use(addon.middleware());

routes(app, addon);

app.listen(app.get('port'), () => {
  if (app.get('env') === 'development') {
    addon.register();
  }
});
