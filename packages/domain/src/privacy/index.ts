export { maskAddress, maskIdNumber, maskName, maskPassport, maskPhone } from './mask';
