{"keyId":"example-vendor-test-only","algorithm":"ECDSA_SHA_256","signature":"MEUCICTtoiIcS4upVeqYW5i8WiTnRaITjJ7qwtuX4JIN8p3xAiEA9iZYB0bk3WhUvTNo1Ll6BzVMem7bk6uY7SP0AHPjtX4="}
