package io.lakehouse.runtime.process;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** uv gets this machine's pip settings, in pip's precedence: variables over the install section over global. */
class PipConfigTest {
    @Test
    void pipSettingsBecomeUvOptions() {
        PipConfig config = PipConfig.parse("""
                :env:.cert='/etc/ssl/certs/from-env.crt'
                :env:.default-timeout='180'
                global.cert='/etc/ssl/certs/from-file.crt'
                global.index-url='https://mirror.example/simple'
                install.index-url='https://install.example/simple'
                global.extra-index-url='https://a.example/simple https://b.example/simple'
                global.trusted-host='a.example'
                """);
        assertEquals(List.of("--allow-insecure-host", "a.example",
                "--cert", "/etc/ssl/certs/from-env.crt"), config.uvArguments());
        // index URLs may hold a user and token: the environment, never the command line
        assertEquals(Map.of("UV_HTTP_TIMEOUT", "180", "UV_DEFAULT_INDEX", "https://install.example/simple",
                "UV_INDEX", "https://a.example/simple https://b.example/simple"), config.uvEnvironment());
    }

    @Test
    void noSettingsNoOptions() {
        assertEquals(List.of(), PipConfig.parse("").uvArguments());
    }
}
