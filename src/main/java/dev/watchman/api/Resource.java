package dev.watchman.api;

/** One resource of the API: registers its routes; the work is the application's. */
interface Resource {
    void register(ApiServer.Routes routes);
}
