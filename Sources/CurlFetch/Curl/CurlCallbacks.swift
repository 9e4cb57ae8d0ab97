internal import CCurlShim

/// libcurl callbacks. Each is a capture-free closure (the only kind that converts to a C function
/// pointer) that finds its `Transfer` through the user-data pointer set with
/// `Unmanaged.passUnretained`. None may throw or trap: a failure is reported by returning the
/// value libcurl takes as "abort".
enum CurlCallbacks {
    /// `CURLOPT_WRITEFUNCTION`: returning less than was offered makes libcurl fail the transfer
    /// with `CURLE_WRITE_ERROR`, which the loop reads as "body too large".
    ///
    /// Called for every chunk of every body, so it borrows the transfer the loop's `running`
    /// dictionary keeps alive instead of retaining and releasing it per chunk.
    static let body: ocw_curl_data_callback = { data, size, count, userdata in
        guard let userdata else { return 0 }
        let length = size * count
        let accepted = Unmanaged<Transfer>.fromOpaque(userdata)._withUnsafeGuaranteedRef {
            $0.receiveBody(UnsafeRawBufferPointer(start: data, count: length))
        }
        return accepted ? length : 0
    }

    /// `CURLOPT_HEADERFUNCTION`: one header line per call, status lines included.
    static let header: ocw_curl_data_callback = { data, size, count, userdata in
        guard let userdata else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
        let length = size * count
        transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
        return length
    }

    /// `CURLOPT_OPENSOCKETFUNCTION`: the last moment before libcurl connects, after DNS, for every
    /// address it tries. Refusing here (rather than checking `CURLINFO_PRIMARY_IP` afterwards)
    /// means no byte is ever sent to a non-public address, whatever the URL, a redirect or a DNS
    /// answer says.
    static let openSocket: ocw_curl_opensocket_callback = { clientp, _, address in
        var bytes = [UInt8](repeating: 0, count: 16)
        let length = bytes.withUnsafeMutableBufferPointer { buffer in
            Int(ocw_curl_sockaddr_ip(address, buffer.baseAddress!))
        }
        let ip = IPAddress(bytes: Array(bytes.prefix(length)))
        guard let ip, ip.isPublic else {
            if let clientp {
                let transfer = Unmanaged<Transfer>.fromOpaque(clientp).takeUnretainedValue()
                transfer.refusedAddress = ip?.description ?? "a non-IP address"
            }
            return ocw_curl_socket_bad()
        }
        return ocw_curl_sockaddr_open(address)
    }
}
