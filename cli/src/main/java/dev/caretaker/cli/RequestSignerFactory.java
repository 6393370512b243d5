package dev.caretaker.cli;

import java.net.URI;
import java.util.Optional;

/** Chooses how requests to a Caretaker API are authenticated. */
public interface RequestSignerFactory {

    /**
     * @param region  the --region option, if given
     * @param profile the --profile option, if given
     * @throws UsageError when the API needs signed requests and the settings to sign them are missing
     */
    RequestSigner forApi(URI api, Optional<String> region, Optional<String> profile);
}
