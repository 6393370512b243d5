package dev.caretaker.bench.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The cold-start floor: a handler that reads its event and answers without a library. It runs on
 * the same runtime client, JVM and flags as the functions, so the ratio to it is what the
 * functions' own code and libraries cost.
 */
public final class HelloHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int bytes = input.readAllBytes().length;
        output.write(("{\"hello\":\"world\",\"eventBytes\":" + bytes + "}").getBytes(StandardCharsets.UTF_8));
    }
}
