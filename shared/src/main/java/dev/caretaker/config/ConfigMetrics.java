package dev.caretaker.config;

/** Port: what the provider reports about reloads; a rejected version is what operators alarm on. */
public interface ConfigMetrics {

    void accepted();

    void rejected(int problems);

    void unreadable();

    ConfigMetrics NONE = new ConfigMetrics() {
        @Override
        public void accepted() {
        }

        @Override
        public void rejected(int problems) {
        }

        @Override
        public void unreadable() {
        }
    };
}
